alert('this is only a remote');
